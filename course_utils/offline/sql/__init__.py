"""How acme-tiny writes SQL: candidate queries adapted from known pairs or carried over from
other databases, described by features for the network to score."""
