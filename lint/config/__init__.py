"""Configuration: the file (discovery, schema, presets) and its merge with the command line."""
