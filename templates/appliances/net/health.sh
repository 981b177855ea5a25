#!/bin/bash
# Healthy when the proxy accepts connections on its port (the allow-list does not matter here).
exec 3<>/dev/tcp/127.0.0.1/3128
