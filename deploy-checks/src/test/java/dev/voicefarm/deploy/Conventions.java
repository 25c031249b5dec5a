package dev.voicefarm.deploy;

import java.util.regex.Pattern;

/** Rules that docker-compose.yml and the Kubernetes manifests share. */
final class Conventions {

    /** An environment variable that holds a credential, whose value must never be written down. */
    private static final Pattern SECRET_NAME = Pattern.compile("PASSWORD|SECRET|KEY|TOKEN|AUTH");

    private Conventions() {
    }

    /**
     * Whether an image reference names one version: a digest, or a tag that is not {@code latest}.
     * The tag is after the last path segment's colon ({@code host:5000/app} has no tag).
     */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        int colon = lastSegment.indexOf(':');
        return colon >= 0 && colon < lastSegment.length() - 1 && !lastSegment.substring(colon + 1).equals("latest");
    }

    static boolean secretLooking(String variable) {
        return SECRET_NAME.matcher(variable).find();
    }
}
