"""Rule-pack data (YAML); a package only so that installers ship the files."""
