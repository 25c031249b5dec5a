package dev.voicefarm.gateway.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where webhooks may go. A webhook URL is the client's choice, and the gateway sits inside the
 * farm's network: without this policy any tenant could make it POST to Redis' neighbours, a cloud
 * metadata service (169.254.169.254) or the gateway itself. So a host is resolved once, every
 * address it resolves to must be public, and the sender connects to exactly those addresses (no
 * second lookup that DNS could answer differently). Refused: loopback, private (RFC 1918, IPv6
 * unique local), shared (CGNAT), link-local, unspecified, multicast, broadcast and reserved
 * ranges, unless the operator allow-lists a network that contains the address
 * ({@code farm.gateway.webhooks.allowed-networks}, CIDR list, empty by default).
 */
@ApplicationScoped
public class AddressPolicy {

    /** Each refused network, with the words an error message uses for it. */
    private static final Map<Cidr, String> REFUSED = refused(Map.ofEntries(
            Map.entry("0.0.0.0/8", "an unspecified ('this network')"),
            Map.entry("10.0.0.0/8", "a private"),
            Map.entry("100.64.0.0/10", "a shared (carrier-grade NAT)"),
            Map.entry("127.0.0.0/8", "a loopback"),
            Map.entry("169.254.0.0/16", "a link-local"),
            Map.entry("172.16.0.0/12", "a private"),
            Map.entry("192.0.0.0/24", "a reserved (IETF protocol)"),
            Map.entry("192.168.0.0/16", "a private"),
            Map.entry("198.18.0.0/15", "a reserved (benchmarking)"),
            Map.entry("224.0.0.0/4", "a multicast"),
            Map.entry("240.0.0.0/4", "a reserved (or broadcast)"),
            Map.entry("::/128", "an unspecified"),
            Map.entry("::1/128", "a loopback"),
            Map.entry("fc00::/7", "a private (unique local)"),
            Map.entry("fe80::/10", "a link-local"),
            Map.entry("fec0::/10", "a private (site-local)"),
            Map.entry("ff00::/8", "a multicast"),
            // Transition prefixes carry an IPv4 address inside; rather than decode each, refuse them.
            Map.entry("64:ff9b::/96", "a NAT64"),
            Map.entry("2002::/16", "a 6to4")));

    /** Why an address was refused: the message says which host, which address and what to do. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final List<Cidr> allowed;

    /** @param allowedNetworks CIDR networks the operator allows although they are refused by default */
    public AddressPolicy(@ConfigProperty(name = "farm.gateway.webhooks.allowed-networks") Optional<List<String>> allowedNetworks) {
        this.allowed = allowedNetworks.orElse(List.of()).stream().filter(n -> !n.isBlank()).map(Cidr::parse).toList();
    }

    /**
     * Resolves the host once and checks every address it has.
     *
     * @return the addresses to connect to, all allowed
     * @throws Refused when the host does not resolve, or one of its addresses is refused
     */
    public List<InetAddress> resolve(String host) throws Refused {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new Refused("host '" + host + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                throw new Refused("host '" + host + "' resolves to " + address.getHostAddress() + ", " + why.get()
                        + " address; webhooks go to public addresses only, unless the operator allows the network"
                        + " (farm.gateway.webhooks.allowed-networks)");
            }
        }
        return addresses;
    }

    /** What kind of refused address this is, or empty when webhooks may go there. */
    Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(network -> network.contains(address))) {
            return Optional.empty();
        }
        return REFUSED.entrySet().stream().filter(e -> e.getKey().contains(address)).map(Map.Entry::getValue).findFirst();
    }

    private static Map<Cidr, String> refused(Map<String, String> networks) {
        return networks.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                e -> Cidr.parse(e.getKey()), Map.Entry::getValue));
    }
}
