package io.platform.etl.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.etl.platform.infra.GeoStandIn;
import io.platform.etl.platform.infra.GeoTable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeoStandInTest {

    private static final Path SHIPPED = Path.of("..", "config", "demo", "geo.csv");

    @Test
    void theMostSpecificNetworkWins() {
        GeoTable table = GeoTable.read(SHIPPED);
        assertThat(table.locate("10.0.128.7")).hasValueSatisfying(l -> assertThat(l.city()).isEqualTo("Zurich"));
        assertThat(table.locate("10.0.129.7")).hasValueSatisfying(l -> assertThat(l.city()).isEqualTo("Milan"));
        assertThat(table.locate("8.8.8.8")).isEmpty();
        assertThat(table.locate("10.0.300.1")).isEmpty();
        assertThat(table.locate("not an ip")).isEmpty();
    }

    @Test
    void theShippedTableCoversEveryAddressOfTheDemoTraffic() {
        GeoTable table = GeoTable.read(SHIPPED);
        for (int third = 0; third < 256; third++) {
            for (int fourth : List.of(1, 254)) {
                assertThat(table.locate("10.0." + third + "." + fourth)).as("10.0.%d.%d", third, fourth).isPresent();
            }
        }
    }

    @Test
    void aMalformedLineIsRejectedWithItsNumber() {
        assertThatThrownBy(() -> GeoTable.read(Path.of("src/test/resources/bad-geo.csv")))
                .hasMessageContaining("line 2");
    }

    @Test
    void answersFromTheTableOverHttp() throws Exception {
        try (GeoStandIn geo = new GeoStandIn(GeoTable.read(SHIPPED));
             HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://" + geo.address() + GeoStandIn.PATH;
            HttpResponse<String> hit = get(http, base + "?ip_address=10.0.5.9");
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.body()).contains("\"country\":\"DE\"").contains("\"city\":\"Berlin\"");
            assertThat(get(http, base + "?ip_address=8.8.8.8").statusCode()).isEqualTo(404);
            assertThat(get(http, base).statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
