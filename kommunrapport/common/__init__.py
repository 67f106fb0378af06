"""What every step uses: periods, paths, Swedish number format, findings and errors."""
