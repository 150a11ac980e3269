package io.palimpsest.model.api;

/**
 * A claim retracted from a section that still exists, as it read when it was retracted; {@code position} is where a
 * restore puts it back (the number of live claims before it in its section).
 */
public record RetractedClaim(ClaimView claim, String sectionId, int position, long retractedRevision,
                             String retractedBy) {
}
