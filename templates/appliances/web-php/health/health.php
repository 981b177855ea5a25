<?php
// Reached only through the loopback health server: proves nginx -> FPM -> PHP works.
header('Content-Type: text/plain');
header('Cache-Control: no-store');
echo "php-ok\n";
