"""The window's panels: each shows one concern and says what the user asked for through signals.
Panels never import each other or the controllers."""
