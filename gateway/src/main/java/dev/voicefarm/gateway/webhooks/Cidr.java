package dev.voicefarm.gateway.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}): the address policy's refused
 * ranges and the operator's allow-list. An IPv4 network never contains an IPv6 address, nor the
 * other way round; Java already reads IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) as IPv4.
 */
record Cidr(String text, byte[] network, int prefix) {

    /** Hex digits, dots and colons only: an address literal, so parsing it never asks DNS. */
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]+");

    /** @throws IllegalArgumentException when the text is not an address literal with a prefix length that fits it */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!LITERAL.matcher(address).matches() || !address.contains(".") && !address.contains(":")) {
            throw new IllegalArgumentException("'" + text + "' is not a network such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network such as 10.0.0.0/8 or fd00::/8", e);
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no whole-number prefix length", e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length over " + bytes.length * 8);
        }
        return new Cidr(trimmed, bytes, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
