"""The notifier: webhook deliveries planned from the change feed and sent, signed, on its own queue."""
