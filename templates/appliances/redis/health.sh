#!/bin/bash
# Healthy when an authenticated PING gets PONG; REDISCLI_AUTH keeps the password off argv.
reply=$(REDISCLI_AUTH=${REDIS_PASSWORD:-} timeout 2 redis-cli -h 127.0.0.1 -p 6379 --no-auth-warning ping 2>&1) || exit 1
[[ $reply == PONG ]]
