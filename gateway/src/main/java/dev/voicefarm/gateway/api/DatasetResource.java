package dev.voicefarm.gateway.api;

import dev.voicefarm.gateway.datasets.DatasetReader;
import dev.voicefarm.gateway.datasets.DatasetStore;
import dev.voicefarm.gateway.datasets.DatasetSummary;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code POST /v1/datasets}: a zip of clips and their texts as the raw body (any content type),
 * validated and normalised, stored; 201 with its summary. {@code GET /v1/datasets/{id}}: the summary.
 */
@Path("/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    private final DatasetReader reader = new DatasetReader();
    private final DatasetStore store;

    public DatasetResource(DatasetStore store) {
        this.store = store;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response upload(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("invalid_dataset",
                    "the request body is empty; send the dataset zip as the body (curl --data-binary @voice.zip)");
        }
        DatasetSummary dataset = DatasetSummary.of(store.save(reader.read(body)));
        return Response.created(URI.create("/v1/datasets/" + dataset.id())).entity(dataset).build();
    }

    @GET
    @Path("/{id}")
    public DatasetSummary get(@PathParam("id") String id) {
        return DatasetSummary.of(store.find(id));
    }
}
