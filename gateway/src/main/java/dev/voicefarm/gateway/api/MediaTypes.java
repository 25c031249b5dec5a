package dev.voicefarm.gateway.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must say exactly what it is: JAX-RS lets a missing or wildcard {@code Content-Type}
 * (such as {@code *}{@code /*}) through to any {@link Consumes}, and a web page can send a
 * cross-site form with anything. An endpoint that consumes a type gets only that type (its
 * parameters aside), else 415.
 */
public class MediaTypes {

    @ServerRequestFilter
    public void exactlyDeclared(ContainerRequestContext request, ResourceInfo resource) {
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null) {
            return;
        }
        MediaType sent = request.getMediaType();
        boolean declared = sent != null && !sent.isWildcardType() && !sent.isWildcardSubtype()
                && Arrays.stream(consumes.value()).map(MediaType::valueOf).anyMatch(accepted ->
                        accepted.getType().equalsIgnoreCase(sent.getType())
                                && accepted.getSubtype().equalsIgnoreCase(sent.getSubtype()));
        if (!declared) {
            throw new NotSupportedException();
        }
    }
}
