package org.zaqar.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.ne;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Page;
import org.zaqar.core.model.Pool;
import org.zaqar.core.storage.PoolStore;

/**
 * Pools in the {@code pools} collection: {@code _id} name, {@code w} weight, {@code u} uri,
 * {@code f} flavor, {@code o} options as JSON text (free-form keys need no escaping).
 */
final class MongoPoolStore implements PoolStore {
    private final MongoCollection<Document> pools;
    private final MongoRetry retry;

    MongoPoolStore(MongoCollection<Document> pools, MongoRetry retry) {
        this.pools = pools;
        this.retry = retry;
    }

    @Override
    public void put(Pool pool) {
        retry.run("put pool " + pool.name(), () -> {
            if (pools.find(and(eq("u", pool.uri()), ne("_id", pool.name()))).first() != null) {
                throw new ZaqarException(ErrorCode.CONFLICT, "The database URI is in use by another pool.");
            }
            Document document = new Document("_id", pool.name()).append("w", pool.weight()).append("u", pool.uri())
                    .append("f", pool.flavor()).append("o", new Document(pool.options()).toJson());
            pools.replaceOne(eq("_id", pool.name()), document, new ReplaceOptions().upsert(true));
        });
    }

    @Override
    public Pool get(String name) {
        Document found = retry.call("read pool " + name, () -> pools.find(eq("_id", name)).first());
        if (found == null) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Pool " + name + " does not exist");
        }
        return pool(found);
    }

    @Override
    public boolean exists(String name) {
        return retry.call("read pool " + name, () -> pools.find(eq("_id", name)).first()) != null;
    }

    @Override
    public Page<Pool> list(String marker, int limit) {
        List<Pool> page = find(marker == null ? new Document() : gt("_id", marker), limit);
        return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
    }

    @Override
    public List<Pool> byFlavor(String flavor) {
        return find(eq("f", flavor), 0);
    }

    @Override
    public void delete(String name) {
        retry.run("delete pool " + name, () -> pools.deleteOne(eq("_id", name)));
    }

    private List<Pool> find(Bson filter, int limit) {
        return retry.call("list pools", () -> {
            List<Pool> found = new ArrayList<>();
            pools.find(filter).sort(Sorts.ascending("_id")).limit(limit).forEach(document -> found.add(pool(document)));
            return found;
        });
    }

    private static Pool pool(Document document) {
        Map<String, Object> options = Document.parse(document.getString("o"));
        return new Pool(document.getString("_id"), ((Number) document.get("w")).longValue(), document.getString("u"),
                document.getString("f"), options);
    }
}
