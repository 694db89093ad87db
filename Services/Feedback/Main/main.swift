print("feedback: not built yet")
