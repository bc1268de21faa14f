"""The world map."""
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "world_map.json"
