package org.zaqar.storage.swift;

import java.time.Instant;
import java.util.Map;

import org.zaqar.core.model.Page;
import org.zaqar.core.model.QueueInfo;
import org.zaqar.core.model.QueueListQuery;
import org.zaqar.core.model.QueueStats;
import org.zaqar.core.storage.QueueStore;

/**
 * Queues as upstream keeps them beside Swift: names and metadata in the management store's queue
 * store, messages and claims in Swift containers. Deleting a queue empties its containers; stats
 * are counted from Swift.
 */
final class SwiftQueueStore implements QueueStore {
    private final QueueStore management;
    private final SwiftMessageObjects objects;
    private final SwiftNames names;

    SwiftQueueStore(QueueStore management, SwiftMessageObjects objects, SwiftNames names) {
        this.management = management;
        this.objects = objects;
        this.names = names;
    }

    /** Records a new incarnation first, so that no post finds the queue before its containers are named. */
    @Override
    public boolean create(String project, String name, Map<String, Object> metadata) {
        if (management.exists(project, name)) {
            return false;
        }
        objects.newIncarnation(project, name);
        return management.create(project, name, metadata);
    }

    @Override
    public boolean exists(String project, String name) {
        return management.exists(project, name);
    }

    @Override
    public Map<String, Object> getMetadata(String project, String name) {
        return management.getMetadata(project, name);
    }

    @Override
    public void setMetadata(String project, String name, Map<String, Object> metadata) {
        management.setMetadata(project, name, metadata);
    }

    /**
     * Deletes the queue in the management store first, so that new posts fail, then its
     * incarnation and containers; a queue created again under the name gets new containers.
     */
    @Override
    public void delete(String project, String name) {
        String cutoff = names.nextMessageId(objects.now());
        management.delete(project, name);
        objects.deleteIncarnation(project, name, cutoff);
    }

    @Override
    public Page<QueueInfo> list(String project, QueueListQuery query) {
        return management.list(project, query);
    }

    @Override
    public long count(String project) {
        return management.count(project);
    }

    /** Reads every message object of the queue: one GET each, so slower than on the other stores. */
    @Override
    public QueueStats stats(String project, String name) {
        management.getMetadata(project, name); // QUEUE_DOES_NOT_EXIST
        long now = objects.now();
        long free = 0;
        long claimed = 0;
        QueueStats.MessageRef oldest = null;
        QueueStats.MessageRef newest = null;
        for (SwiftMessageObjects.Stored stored : objects.scan(objects.scope(project, name), null, Integer.MAX_VALUE,
                message -> message.live(now))) {
            if (stored.message().claimed(now)) {
                claimed++;
            } else {
                free++;
            }
            newest = new QueueStats.MessageRef(stored.id(), Instant.ofEpochMilli(stored.message().created()));
            if (oldest == null) {
                oldest = newest;
            }
        }
        return new QueueStats(free, claimed, free + claimed, oldest, newest);
    }

    QueueStore management() {
        return management;
    }
}
