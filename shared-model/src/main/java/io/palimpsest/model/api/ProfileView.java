package io.palimpsest.model.api;

import io.palimpsest.model.Connection;
import io.palimpsest.model.Fact;
import io.palimpsest.model.Identity;
import io.palimpsest.model.Source;

import java.util.List;

/** The current profile (or the profile as it stood at some revision) as readers see it. */
public record ProfileView(String id, long revision, Identity identity, List<Fact> facts,
                          List<SectionView> sections, List<Source> sources, List<Connection> connections) {
}
