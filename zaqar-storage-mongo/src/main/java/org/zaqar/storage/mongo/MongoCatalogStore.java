package org.zaqar.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.CatalogStore;

/** Placements in the {@code catalogue} collection: {@code _id} "project/queue", {@code p}, {@code q}, {@code pool}. */
final class MongoCatalogStore implements CatalogStore {
    private final MongoCollection<Document> catalogue;
    private final MongoRetry retry;

    MongoCatalogStore(MongoCollection<Document> catalogue, MongoRetry retry) {
        this.catalogue = catalogue;
        this.retry = retry;
    }

    private static String id(String project, String queue) {
        return project + "/" + queue;
    }

    @Override
    public String insert(String project, String queue, String pool) {
        // An upsert that sets fields only when it inserts: a placed queue keeps its pool.
        Document placement = new Document("$setOnInsert", new Document("p", project).append("q", queue)
                .append("pool", pool));
        Document placed = retry.call("place queue " + queue, () -> catalogue.findOneAndUpdate(
                eq("_id", id(project, queue)), placement,
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
        return placed.getString("pool");
    }

    @Override
    public String lookup(String project, String queue) {
        Document found = retry.call("look up queue " + queue,
                () -> catalogue.find(eq("_id", id(project, queue))).first());
        return found == null ? null : found.getString("pool");
    }

    @Override
    public void delete(String project, String queue) {
        retry.run("forget queue " + queue, () -> catalogue.deleteOne(eq("_id", id(project, queue))));
    }

    @Override
    public Page<String> list(String project, String marker, int limit) {
        List<String> names = retry.call("list placements", () -> {
            List<String> found = new ArrayList<>();
            catalogue.find(marker == null ? eq("p", project) : and(eq("p", project), gt("q", marker)))
                    .sort(Sorts.ascending("q")).limit(limit).forEach(document -> found.add(document.getString("q")));
            return found;
        });
        return new Page<>(names, names.isEmpty() ? null : names.getLast());
    }

    @Override
    public long count(String project) {
        return retry.call("count placements", () -> catalogue.countDocuments(eq("p", project)));
    }

    @Override
    public long countInPool(String pool) {
        return retry.call("count placements", () -> catalogue.countDocuments(eq("pool", pool)));
    }
}
