"""Configuration, its errors, waivers and baselines."""
