"""Close: thank you, what people did together (each kind's counts), and what happens next."""
