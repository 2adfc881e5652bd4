package dev.exdetect.job.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The exdetect version, taken from the Maven project version at build time (a resource Maven
 * filters), read once.
 *
 * <p>Two forms: {@link #BUILD} names exactly what was built ({@code 0.1.0-SNAPSHOT} between
 * releases) and is what {@code --version} shows; {@link #RELEASE} is the release it belongs to,
 * without the {@code -SNAPSHOT} qualifier, and is what outputs carry ({@code
 * metadata.product.version} of OCSF findings), so that alerts of the same traffic stay
 * byte-identical from one development build to the next and equal those of the release.
 */
public final class ProductVersion {
    private static final String RESOURCE = "product-version.properties";
    private static final String SNAPSHOT = "-SNAPSHOT";

    /** The Maven project version of this build, such as {@code 0.1.0-SNAPSHOT} or {@code 0.1.0}. */
    public static final String BUILD = read();

    /** {@link #BUILD} without a {@code -SNAPSHOT} qualifier: the release it is, or leads to. */
    public static final String RELEASE =
            BUILD.endsWith(SNAPSHOT)
                    ? BUILD.substring(0, BUILD.length() - SNAPSHOT.length())
                    : BUILD;

    private ProductVersion() {}

    private static String read() {
        try (InputStream in = ProductVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lacks " + RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            // Unfiltered (a build that copied resources without Maven): refuse rather than write
            // a placeholder into every alert.
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException(
                        RESOURCE + " holds no version (was it filtered by Maven?): '" + v + "'");
            }
            return v.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
