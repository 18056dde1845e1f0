def home_cards(request) -> str:
    return ""
