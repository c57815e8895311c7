package org.zaqar.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.zaqar.core.error.ErrorCode;
import org.zaqar.core.error.ZaqarException;
import org.zaqar.core.model.Flavor;
import org.zaqar.core.model.Page;
import org.zaqar.core.storage.FlavorStore;

/**
 * Flavors in the {@code flavors} collection: {@code _id} "project/name", {@code p} project,
 * {@code n} name, {@code c} capabilities as JSON text.
 */
final class MongoFlavorStore implements FlavorStore {
    private final MongoCollection<Document> flavors;
    private final MongoRetry retry;

    MongoFlavorStore(MongoCollection<Document> flavors, MongoRetry retry) {
        this.flavors = flavors;
        this.retry = retry;
    }

    private static String id(String project, String name) {
        return project + "/" + name;
    }

    @Override
    public void put(Flavor flavor) {
        String id = id(flavor.project(), flavor.name());
        Document document = new Document("_id", id).append("p", flavor.project()).append("n", flavor.name())
                .append("c", new Document(flavor.capabilities()).toJson());
        retry.run("put flavor " + flavor.name(),
                () -> flavors.replaceOne(eq("_id", id), document, new ReplaceOptions().upsert(true)));
    }

    @Override
    public Flavor get(String project, String name) {
        Document found = retry.call("read flavor " + name, () -> flavors.find(eq("_id", id(project, name))).first());
        if (found == null) {
            throw new ZaqarException(ErrorCode.NOT_FOUND, "Flavor " + name + " does not exist");
        }
        return flavor(found);
    }

    @Override
    public boolean exists(String project, String name) {
        return retry.call("read flavor " + name, () -> flavors.find(eq("_id", id(project, name))).first()) != null;
    }

    @Override
    public boolean existsInAnyProject(String name) {
        return retry.call("read flavor " + name, () -> flavors.find(eq("n", name)).first()) != null;
    }

    @Override
    public Page<Flavor> list(String project, String marker, int limit) {
        List<Flavor> page = retry.call("list flavors", () -> {
            List<Flavor> found = new ArrayList<>();
            flavors.find(marker == null ? eq("p", project) : and(eq("p", project), gt("n", marker)))
                    .sort(Sorts.ascending("n")).limit(limit).forEach(document -> found.add(flavor(document)));
            return found;
        });
        return new Page<>(page, page.isEmpty() ? null : page.getLast().name());
    }

    @Override
    public void delete(String project, String name) {
        retry.run("delete flavor " + name, () -> flavors.deleteOne(eq("_id", id(project, name))));
    }

    private static Flavor flavor(Document document) {
        return new Flavor(document.getString("p"), document.getString("n"), Document.parse(document.getString("c")));
    }
}
