# The drop-ins of trigger_config_dir.cmdline, scanned as a directory on their own: 90-debug.conf sets AlwaysAllow.
# expect: 90-debug.conf
