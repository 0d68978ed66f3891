"""The SafeLives data return and the steering group's figures, counted from the store."""
