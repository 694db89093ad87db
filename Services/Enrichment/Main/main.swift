print("enrichment: not built yet")
