package dev.voicefarm.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy(Optional.empty());

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback", "127.255.0.9, loopback", "::1, loopback",
            "10.0.0.1, private", "172.16.0.1, private", "172.31.255.254, private", "192.168.1.1, private",
            "fc00::1, private", "fd12:3456::1, private", "fec0::1, private",
            "169.254.169.254, link-local", "fe80::1, link-local",
            "100.64.0.1, shared", "100.127.255.254, shared",
            "0.0.0.0, unspecified", "::, unspecified",
            "224.0.0.1, multicast", "ff02::1, multicast", "255.255.255.255, broadcast",
            "::ffff:10.0.0.1, private", "::ffff:127.0.0.1, loopback",
            "64:ff9b::a00:1, NAT64", "2002:a00:1::1, 6to4"})
    void refusesInternalAddresses(String address, String kind) throws Exception {
        String why = policy.refusal(InetAddress.getByName(address)).orElseThrow(() -> new AssertionError(address));
        assertTrue(why.contains(kind), address + ": " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "11.0.0.1",
            "2606:4700::6810:84e5", "2a00:1450:4001:81b::200e"})
    void allowsPublicAddresses(String address) throws Exception {
        assertEquals(Optional.empty(), policy.refusal(InetAddress.getByName(address)), address);
    }

    @Test
    void theAllowListOpensOnlyItsNetworks() throws Exception {
        AddressPolicy allowing = new AddressPolicy(Optional.of(List.of("127.0.0.0/8", "10.1.0.0/16", "fd00::/8")));
        assertFalse(allowing.refusal(InetAddress.getByName("127.0.0.1")).isPresent());
        assertFalse(allowing.refusal(InetAddress.getByName("10.1.200.3")).isPresent());
        assertTrue(allowing.refusal(InetAddress.getByName("10.2.0.1")).isPresent());
        assertFalse(allowing.refusal(InetAddress.getByName("fd00::5")).isPresent());
        assertTrue(allowing.refusal(InetAddress.getByName("fc00::5")).isPresent());
        assertTrue(allowing.refusal(InetAddress.getByName("::1")).isPresent(), "IPv4 127/8 does not allow IPv6 loopback");
    }

    @Test
    void resolvesAndSaysWhyAHostIsRefused() throws Exception {
        AddressPolicy.Refused refused = assertThrows(AddressPolicy.Refused.class, () -> policy.resolve("169.254.169.254"));
        assertTrue(refused.getMessage().contains("169.254.169.254, a link-local address"), refused.getMessage());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")),
                new AddressPolicy(Optional.of(List.of("127.0.0.1/32"))).resolve("127.0.0.1"));
        assertThrows(AddressPolicy.Refused.class, () -> policy.resolve("localhost"));
        assertThrows(AddressPolicy.Refused.class, () -> policy.resolve("no-such-host.invalid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/8", "10.0.0.0/33", "::/129", "10.0.0.0/x", "10.0.0.0/-1", "abc"})
    void aBadAllowListStopsTheGatewayFromStarting(String network) {
        assertThrows(IllegalArgumentException.class, () -> new AddressPolicy(Optional.of(List.of(network))));
    }

    @Test
    void cidrMatchesPartialBytes() throws Exception {
        Cidr network = Cidr.parse("172.16.0.0/12");
        assertTrue(network.contains(InetAddress.getByName("172.16.0.0")));
        assertTrue(network.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(network.contains(InetAddress.getByName("172.32.0.0")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertTrue(Cidr.parse("192.0.2.7").contains(InetAddress.getByName("192.0.2.7")), "no prefix: one address");
    }
}
