package dev.voicefarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    @Test
    void urlOptionBeatsEnvironmentWhichBeatsTheDefault() {
        Map<String, String> env = Map.of("FARM_GATEWAY_URL", "http://gw:9000/", "FARM_API_KEY", "k");
        assertEquals(URI.create("http://other:1"), Settings.user("http://other:1", null, env).gateway());
        assertEquals(URI.create("http://gw:9000"), Settings.user(null, null, env).gateway(), "a trailing slash is dropped");
        assertEquals(URI.create(Settings.DEFAULT_URL), Settings.user(null, null, Map.of("FARM_API_KEY", "k")).gateway());
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        CliException e = assertThrows(CliException.class, () -> Settings.user("ftp://gw", "k", Map.of()));
        assertEquals("invalid_url", e.code());
        assertEquals("invalid_url", assertThrows(CliException.class, () -> Settings.user("not a url", "k", Map.of())).code());
    }

    @Test
    void keyOptionBeatsEnvironmentWhichBeatsTheDevKeyFile() throws Exception {
        Files.writeString(home.resolve("dev-api-key"), "vf_file\n");
        Map<String, String> env = Map.of("FARM_HOME", home.toString(), "FARM_API_KEY", "vf_env");
        assertEquals(Optional.of("vf_option"), Settings.user(null, "vf_option", env).key());
        assertEquals(Optional.of("vf_env"), Settings.user(null, null, env).key());
        assertEquals(Optional.of("vf_file"), Settings.user(null, null, Map.of("FARM_HOME", home.toString())).key());
    }

    @Test
    void withoutAnyKeyTheFailureSaysWhereToPutOne() {
        Settings settings = Settings.user(null, null, Map.of("FARM_HOME", home.toString()));
        CliException e = assertThrows(CliException.class, settings::requireKey);
        assertEquals("missing_api_key", e.code());
        assertTrue(e.getMessage().contains("--key") && e.getMessage().contains("FARM_API_KEY"), e.getMessage());
    }

    @Test
    void adminCommandsTakeTheKeyOptionThenTheRootKeyNeverTheDevKey() throws Exception {
        Files.writeString(home.resolve("dev-api-key"), "vf_dev");
        Map<String, String> env = Map.of("FARM_HOME", home.toString(), "FARM_API_KEY", "vf_user", "FARM_GATEWAY_ADMIN_KEY", "vf_root");
        assertEquals(Optional.of("vf_option"), Settings.admin(null, "vf_option", env).key());
        assertEquals(Optional.of("vf_root"), Settings.admin(null, null, env).key());
        assertEquals(Optional.empty(), Settings.admin(null, null, Map.of("FARM_HOME", home.toString(), "FARM_API_KEY", "vf_user")).key());
    }
}
