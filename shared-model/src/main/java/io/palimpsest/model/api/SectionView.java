package io.palimpsest.model.api;

import java.util.List;

public record SectionView(String id, String title, long revision, List<ClaimView> claims,
                          List<SectionView> subsections) {
}
