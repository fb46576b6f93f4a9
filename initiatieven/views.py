from django.shortcuts import render


def index(request):
    return render(request, "initiatieven/index.html")


def funds(request):
    return render(request, "initiatieven/funds.html")
