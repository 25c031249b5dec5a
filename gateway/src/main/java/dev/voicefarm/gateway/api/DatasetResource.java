package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.datasets.DatasetContent;
import dev.voicefarm.gateway.datasets.DatasetReader;
import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.datasets.DatasetSummary;
import dev.voicefarm.gateway.idempotency.Idempotency;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/datasets}: a zip of clips and their texts as the raw body (any content type),
 * validated and normalised, stored (once per Idempotency-Key); 201 with its summary.
 * {@code GET /v1/datasets/{id}}: the summary.
 */
@Path("/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetReader reader = new DatasetReader();
    private final DatasetStore store;
    private final Idempotency idempotency;

    public DatasetResource(DatasetStore store, Idempotency idempotency) {
        this.store = store;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_dataset",
                    "the request body is empty; send the dataset zip as the body (curl --data-binary @voice.zip)");
        }
        Optional<Idempotency.Request> keyed = idempotency.request("datasets", idempotencyKey, body);
        // Read before any key is claimed: a client who fixes a refused zip may retry with the same key.
        DatasetContent content = reader.read(body);
        DatasetSummary dataset = keyed.isPresent() ? uploadOnce(keyed.get(), content) : save(newId(), content);
        return Response.created(URI.create("/v1/datasets/" + dataset.id())).entity(dataset).build();
    }

    /**
     * The dataset a key was claimed for: the stored one when it exists, else this upload stored
     * under the claimed id (an earlier attempt failed, or is still running and writes the same objects).
     */
    private DatasetSummary uploadOnce(Idempotency.Request keyed, DatasetContent content) {
        Idempotency.Claimed claimed = idempotency.claim(keyed, () -> new Idempotency.Resource(newId(), null));
        String id = claimed.claim().resourceId();
        if (!claimed.first()) {
            Optional<DatasetSummary> stored = store.manifest(id).map(DatasetSummary::of);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return save(id, content);
    }

    private DatasetSummary save(String id, DatasetContent content) {
        return DatasetSummary.of(store.save(id, content));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @GET
    @Path("/{id}")
    public DatasetSummary get(@PathParam("id") String id) {
        return DatasetSummary.of(store.find(id));
    }
}
