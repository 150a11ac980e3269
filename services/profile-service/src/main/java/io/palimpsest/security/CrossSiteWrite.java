package io.palimpsest.security;

/** A write sent by another site's page, refused ({@link CrossSiteWrites}). */
public class CrossSiteWrite extends RuntimeException {

    CrossSiteWrite() {
        super("A write sent by another site's page is refused (Sec-Fetch-Site: cross-site)");
    }
}
