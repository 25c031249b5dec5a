package dev.voicefarm.gateway.voices;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/**
 * How large a voice import ({@code POST /v1/voices}) may be and how many the gateway reads at once
 * ({@code farm.gateway.voice-import.*}, {@code FARM_GATEWAY_VOICE_IMPORT_*}).
 */
@ConfigMapping(prefix = "farm.gateway.voice-import")
public interface VoiceImportSettings {

    /** The largest GPT weights file ({@code .ckpt}). */
    MemorySize maxGptSize();

    /** The largest SoVITS weights file ({@code .pth}). */
    MemorySize maxSovitsSize();

    /** The largest reference clip. */
    MemorySize maxReferenceSize();

    /** The largest request body of either form, refused from its Content-Length before it is read. */
    MemorySize maxRequestSize();

    /** Imports read at once; another one meanwhile is {@code 503 uploads_busy}. */
    int concurrentImports();

    default VoiceImportLimits limits() {
        return new VoiceImportLimits(maxGptSize().asLongValue(), maxSovitsSize().asLongValue(),
                maxReferenceSize().asLongValue());
    }
}
