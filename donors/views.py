"""Public pages for donors and organisations."""

from django.views.generic import DetailView, ListView

from donors.models import Donor, Organisation


class DonorListView(ListView):
    template_name = "donors/donor_list.html"
    paginate_by = 20

    def get_queryset(self):
        return Donor.objects.visible_to(self.request.user).select_related("country")


class DonorDetailView(DetailView):
    template_name = "donors/donor_detail.html"

    def get_queryset(self):
        return Donor.objects.visible_to(self.request.user).select_related("country")


class OrganisationDetailView(DetailView):
    template_name = "donors/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).select_related("country", "parent")
