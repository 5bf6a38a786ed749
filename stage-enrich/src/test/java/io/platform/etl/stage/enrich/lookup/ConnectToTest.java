package io.platform.etl.stage.enrich.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectToTest {

    private final ConnectTo connectTo = new ConnectTo(List.of("geo-service:8080=127.0.0.1:41234", " geo:80=10.1.1.1:81"));

    @Test
    void routesAConfiguredHostAndPortKeepingSchemePathAndQuery() {
        assertThat(connectTo.route(URI.create("http://Geo-Service:8080/location?ip_address=10.0.0.1%2F")))
                .isEqualTo(URI.create("http://127.0.0.1:41234/location?ip_address=10.0.0.1%2F"));
        assertThat(connectTo.route(URI.create("http://geo/x"))).isEqualTo(URI.create("http://10.1.1.1:81/x"));
    }

    @Test
    void leavesOtherHostsAndPortsAlone() {
        URI otherPort = URI.create("http://geo-service:9090/location?ip_address=1");
        assertThat(connectTo.route(otherPort)).isSameAs(otherPort);
        URI otherHost = URI.create("http://geo-service.evil.com:8080/location");
        assertThat(connectTo.route(otherHost)).isSameAs(otherHost);
        assertThat(new ConnectTo(List.of()).route(otherHost)).isSameAs(otherHost);
    }

    @Test
    void rejectsEntriesThatAreNotHostPortPairs() {
        for (String bad : List.of("geo-service=127.0.0.1:1", "geo:80", "geo:80=127.0.0.1", "geo:x=h:1", ":80=h:1")) {
            assertThatThrownBy(() -> new ConnectTo(List.of(bad))).as(bad)
                    .hasMessageContaining("enrich.api-connect-to");
        }
    }
}
