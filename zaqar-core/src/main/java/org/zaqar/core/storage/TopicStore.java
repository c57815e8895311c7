package org.zaqar.core.storage;

/**
 * Topics of one project. A topic is a queue under another name space: the same lifecycle,
 * metadata, listing and stats as {@link QueueStore}, and its messages are kept like queue messages
 * by {@link #messages()}. A topic and a queue of the same name are different resources.
 */
public interface TopicStore extends QueueStore {

    /** The messages posted to topics, with the contract of {@link MessageStore}; queue names are topic names. */
    MessageStore messages();
}
