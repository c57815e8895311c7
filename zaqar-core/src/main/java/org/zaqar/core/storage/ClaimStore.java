package org.zaqar.core.storage;

import org.zaqar.core.model.Claim;
import org.zaqar.core.model.ClaimRequest;

/**
 * Claims on one project's queues. A claim holds messages for its ttl; when it expires the
 * messages are free again. Claiming is atomic: no message is ever held by two live claims.
 */
public interface ClaimStore {

    /**
     * Claims up to {@code request.limit()} of the oldest visible (not delayed), unclaimed, live
     * messages. Each claimed message lives at least until the claim expires plus the grace period.
     * When the queue's metadata sets {@code _max_claim_count} and {@code _dead_letter_queue}, a
     * message already claimed that many times is moved to the dead-letter queue instead of being
     * claimed again: to the end of that queue (created without metadata when missing), unclaimed,
     * keeping its claim count, and living {@code _dead_letter_queue_messages_ttl} seconds from now
     * when that is set. A moved message still takes one of the {@code limit} places.
     *
     * @return the claim with its messages oldest first; when nothing could be claimed (or the queue is
     *         missing) a claim with a null id and no messages
     */
    Claim create(String project, String queue, ClaimRequest request);

    /**
     * @throws org.zaqar.core.error.ZaqarException CLAIM_DOES_NOT_EXIST when missing or expired
     */
    Claim get(String project, String queue, String claimId);

    /**
     * Renews the claim: its ttl counts again from now, and its messages live at least until the
     * new expiry plus {@code grace}.
     *
     * @throws org.zaqar.core.error.ZaqarException CLAIM_DOES_NOT_EXIST when missing or expired
     */
    void update(String project, String queue, String claimId, int ttl, int grace);

    /** Releases the claim: its messages are free again. Releasing a missing claim does nothing. */
    void delete(String project, String queue, String claimId);
}
