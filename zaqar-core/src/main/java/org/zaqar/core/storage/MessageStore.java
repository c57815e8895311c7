package org.zaqar.core.storage;

import java.util.Collection;
import java.util.List;

import org.zaqar.core.model.Message;
import org.zaqar.core.model.MessageListQuery;
import org.zaqar.core.model.NewMessage;
import org.zaqar.core.model.Page;

/**
 * Messages of one project's queues. Expired messages (older than their ttl) are never returned,
 * counted or claimed, whether or not a backend has physically removed them yet. A message's claim
 * counts only while the claim lives.
 */
public interface MessageStore {

    /**
     * Appends the messages to the queue, atomically and in one round trip to the store where
     * the store allows it. The queue must exist (the API creates it lazily first).
     *
     * @return the new ids, in the order of {@code messages}
     * @throws org.zaqar.core.error.ZaqarException QUEUE_DOES_NOT_EXIST
     */
    List<String> post(String project, String queue, List<NewMessage> messages, String clientId);

    /**
     * Lists messages oldest first. The next marker, passed back as {@code query.marker()}, continues
     * exactly after the last message of the page: paging never skips or repeats a message, even while
     * others are posted. A missing queue gives an empty page, and so does a marker this store never
     * issued (upstream answers such a marker with an empty listing, not an error).
     */
    Page<Message> list(String project, String queue, MessageListQuery query);

    /**
     * @throws org.zaqar.core.error.ZaqarException MESSAGE_DOES_NOT_EXIST (also when the queue is missing
     *                                             or the message expired)
     */
    Message get(String project, String queue, String messageId);

    /** The live messages among {@code ids}; unknown or expired ids are left out. A missing queue gives an empty list. */
    List<Message> bulkGet(String project, String queue, Collection<String> ids);

    /**
     * Deletes one message. Deleting a missing message (or one in a missing queue) does nothing.
     *
     * @param claimId null to delete an unclaimed message; otherwise the claim that must hold it
     * @throws org.zaqar.core.error.ZaqarException MESSAGE_IS_CLAIMED when claimId is null and a live claim holds it;
     *                                             MESSAGE_NOT_CLAIMED when claimId is given but no live claim holds it;
     *                                             MESSAGE_NOT_CLAIMED_BY when another live claim holds it
     */
    void delete(String project, String queue, String messageId, String claimId);

    /**
     * Deletes the given messages, claimed or not, in one atomic step. Missing ids are ignored.
     *
     * @param claimIds when not null, only messages held by one of these live claims, or unclaimed, are deleted
     */
    void bulkDelete(String project, String queue, Collection<String> ids, Collection<String> claimIds);

    /**
     * Removes and returns up to {@code limit} of the oldest visible unclaimed messages, atomically:
     * two concurrent pops never return the same message.
     */
    List<Message> pop(String project, String queue, int limit);

    /** Deletes every message (and claim) of the queue; the queue itself stays. */
    void purge(String project, String queue);
}
