process.stdout.write('homelab-tui\n');
