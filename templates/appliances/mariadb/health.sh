#!/bin/bash
# Healthy when the appliance's own user can log in over TCP: proves the server listens and the
# start-up reconciliation is done (networking is off until then). Logging in, rather than an
# anonymous ping, keeps "access denied" lines out of the server log every two seconds.
MYSQL_PWD=${MARIADB_PASSWORD:-} exec mariadb-admin --protocol=tcp --host=127.0.0.1 --port=3306 \
  --user="${MARIADB_USER:-app}" --connect-timeout=2 --silent ping
