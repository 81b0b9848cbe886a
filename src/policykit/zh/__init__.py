"""Chinese text knowledge in one place: characters, numbering styles, numerals, units, segmentation."""
