#!/bin/bash
# Healthy when the server accepts TCP connections; during the start-up reconciliation it listens
# on a private socket only, so clients never see a half-initialised database as ready.
exec pg_isready -q -h 127.0.0.1 -p 5432 -t 2
