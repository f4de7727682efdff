"""One module per `kring` command (or pair of commands), loaded lazily by `cli.main`."""
