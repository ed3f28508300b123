"""Window work split by concern: each controller drives its panels and background work for one
job (training, classifying, checkpoints, datasets); main_window wires them together."""
