package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.datasets.DatasetContent;
import dev.voicefarm.gateway.datasets.DatasetReader;
import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.datasets.DatasetSummary;
import dev.voicefarm.gateway.idempotency.Idempotency;
import dev.voicefarm.gateway.tenants.Caller;
import dev.voicefarm.gateway.tenants.CallerContext;
import dev.voicefarm.gateway.tenants.QuotaGuard;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /v1/datasets}: a zip of clips and their texts as the raw body
 * ({@code Content-Type: application/zip}), validated and normalised, stored under the tenant
 * (once per Idempotency-Key, within its dataset quota); 201 with its summary.
 * {@code GET /v1/datasets/{id}}: the summary of one of the tenant's datasets.
 */
@Path("/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetReader reader = new DatasetReader();
    private final DatasetStore store;
    private final Idempotency idempotency;

    private final QuotaGuard quotas;
    private final CallerContext caller;

    public DatasetResource(DatasetStore store, Idempotency idempotency, QuotaGuard quotas, CallerContext caller) {
        this.store = store;
        this.idempotency = idempotency;
        this.quotas = quotas;
        this.caller = caller;
    }

    /** {@code application/x-zip-compressed} is what some browsers send for a .zip file. */
    @POST
    @Consumes({"application/zip", "application/x-zip-compressed"})
    public Response upload(@HeaderParam(Idempotency.HEADER) String idempotencyKey, byte[] body) {
        Caller who = caller.get();
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_dataset",
                    "the request body is empty; send the dataset zip as the body (curl --data-binary @voice.zip)");
        }
        Optional<Idempotency.Request> keyed = idempotency.request(who.tenant(), "datasets", idempotencyKey, body);
        // Read before any key is claimed: a client who fixes a refused zip may retry with the same key.
        DatasetContent content = reader.read(body);
        DatasetSummary dataset = keyed.isPresent() ? uploadOnce(who, keyed.get(), content) : save(who, newId(), content);
        return Accepted.created("/v1/datasets/" + dataset.id(), dataset);
    }

    /**
     * The dataset a key was claimed for: the stored one when it exists, else this upload stored
     * under the claimed id (an earlier attempt failed, or is still running and writes the same objects).
     */
    private DatasetSummary uploadOnce(Caller who, Idempotency.Request keyed, DatasetContent content) {
        Idempotency.Claimed claimed = idempotency.claim(keyed, () -> new Idempotency.Resource(newId(), null));
        String id = claimed.claim().resourceId();
        if (!claimed.first()) {
            Optional<DatasetSummary> stored = store.manifest(who.tenant(), id).map(DatasetSummary::of);
            if (stored.isPresent()) {
                return stored.get();
            }
        }
        return save(who, id, content);
    }

    private DatasetSummary save(Caller who, String id, DatasetContent content) {
        long bytes = content.storedBytes();
        quotas.admitDataset(who, bytes);
        DatasetSummary dataset = DatasetSummary.of(store.save(who.tenant(), id, content));
        quotas.datasetStored(who, bytes);
        return dataset;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @GET
    @Path("/{id}")
    public DatasetSummary get(@PathParam("id") String id) {
        return DatasetSummary.of(store.find(caller.tenant(), id));
    }
}
