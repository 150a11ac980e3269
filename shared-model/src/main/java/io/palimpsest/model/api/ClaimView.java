package io.palimpsest.model.api;

import io.palimpsest.model.ClaimItem;
import io.palimpsest.model.ClaimKind;

import java.util.List;

/** A live claim as readers see it; {@code revision} is the profile revision that last changed it. */
public record ClaimView(String id, ClaimKind kind, String label, String text, List<ClaimItem> items,
                        List<String> citations, String url, long revision) {
}
