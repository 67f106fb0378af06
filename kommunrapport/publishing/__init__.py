"""Publishing built reports to the intranet folder with an index of every nämnd and period."""
