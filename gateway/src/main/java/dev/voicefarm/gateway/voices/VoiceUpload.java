package dev.voicefarm.gateway.voices;

import java.nio.file.Path;

/**
 * A voice import as the client sent it, in either form, not checked yet: the text fields as sent
 * ({@code null} when absent) and the files where the gateway put them ({@code null} when absent).
 */
public record VoiceUpload(String name, String modelVersion, String promptText, String promptLanguage,
                          UploadedFile gpt, UploadedFile sovits, UploadedFile reference) {

    /**
     * One file of the import.
     *
     * @param path     where it lies on the gateway's disk
     * @param fileName the name the client gave it (a form part's file name, a zip entry's name), or {@code null}
     */
    public record UploadedFile(Path path, String fileName) {
    }
}
