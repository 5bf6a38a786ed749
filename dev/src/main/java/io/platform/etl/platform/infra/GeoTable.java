package io.platform.etl.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The geo stand-in's table ({@code config/demo/geo.csv}: {@code network,country,city} with IPv4 CIDR networks), looked
 * up by longest matching prefix as a GeoIP database is. Lines starting with {@code #} and the header are skipped.
 */
public final class GeoTable {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** A row: the network's first address and prefix length, and what it says. */
    public record Network(long address, int prefix, String country, String city) {
        boolean contains(long ip) {
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return (ip & mask) == (address & mask);
        }
    }

    /** What the table says about an address. */
    public record Location(String country, String city) {
    }

    private final List<Network> networks;

    public GeoTable(List<Network> networks) {
        this.networks = networks.stream().sorted(Comparator.comparingInt(Network::prefix).reversed()).toList();
    }

    public static GeoTable read(Path csv) {
        try {
            return parse(Files.readAllLines(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the geo table " + csv, e);
        }
    }

    static GeoTable parse(List<String> lines) {
        List<Network> networks = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("network,")) {
                continue;
            }
            String[] cols = line.split(",", -1);
            String[] cidr = cols[0].split("/", -1);
            if (cols.length != 3 || cidr.length != 2 || ipv4(cidr[0]).isEmpty() || !cidr[1].matches("\\d{1,2}")
                    || Integer.parseInt(cidr[1]) > 32) {
                throw new IllegalArgumentException("geo table line " + (n + 1) + ": expected network,country,city"
                        + " with an IPv4 CIDR network, got '" + line + "'");
            }
            networks.add(new Network(ipv4(cidr[0]).orElseThrow(), Integer.parseInt(cidr[1]), cols[1].strip(),
                    cols[2].strip()));
        }
        return new GeoTable(networks);
    }

    /** The most specific network containing {@code ip}; empty when none does or {@code ip} is no IPv4 address. */
    public Optional<Location> locate(String ip) {
        return ipv4(ip).flatMap(a -> networks.stream().filter(n -> n.contains(a)).findFirst())
                .map(n -> new Location(n.country(), n.city()));
    }

    public int size() {
        return networks.size();
    }

    static Optional<Long> ipv4(String text) {
        var m = IPV4.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            address = address << 8 | octet;
        }
        return Optional.of(address);
    }
}
