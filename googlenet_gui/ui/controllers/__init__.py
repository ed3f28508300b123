"""Window work split by concern: each controller drives its panels and background work for one
job (training, classifying, checkpoints, datasets). They change the state models (googlenet_gui/state) that
the views observe; main_window builds them and ui/understanding.py the understanding views' ones."""
