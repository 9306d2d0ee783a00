package io.tessera.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReviewRequestTest {

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadTheScaleOfAnArrayClusterAsADryRun() {
        ReviewRequest request = ReviewRequest.parse(json("{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview',"
                + "'request':{'uid':'u-1','resource':{'group':'tessera.io','version':'v1alpha1','resource':'arrayclusters'},"
                + "'subResource':'scale','operation':'UPDATE','namespace':'tessera-physics','name':'big',"
                + "'userInfo':{'username':'alice'},'dryRun':true,'object':{'spec':{'replicas':5}}}}"));
        assertThat(request).extracting(ReviewRequest::uid, ReviewRequest::group, ReviewRequest::resource,
                ReviewRequest::subResource, ReviewRequest::operation, ReviewRequest::namespace, ReviewRequest::name,
                ReviewRequest::username, ReviewRequest::dryRun)
                .containsExactly("u-1", "tessera.io", "arrayclusters", "scale", "UPDATE", "tessera-physics", "big", "alice", true);
        assertThat(request.objectIfAny()).hasValueSatisfying(o -> assertThat(o.path("spec").path("replicas").asInt()).isEqualTo(5));
    }

    @Test
    void shouldRefuseWhatIsNotAnAdmissionReview() {
        assertThatThrownBy(() -> ReviewRequest.parse(json("{not json"))).hasMessageStartingWith("the body is not JSON");
        assertThatThrownBy(() -> ReviewRequest.parse(json("[1]"))).hasMessageContaining("not an AdmissionReview");
        assertThatThrownBy(() -> ReviewRequest.parse(json("{'apiVersion':'admission.k8s.io/v1beta1','kind':'AdmissionReview'}")))
                .hasMessageContaining("admission.k8s.io/v1");
        assertThatThrownBy(() -> ReviewRequest.parse(json("{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{}}")))
                .hasMessageContaining("request.uid");
    }

    @Test
    void shouldAnswerADenialWithCodeAndMessageForKubectl() throws Exception {
        var review = new ObjectMapper().readTree(Verdict.deny("group physics: cores 4 requested, 2 of 10 left").toReview("u-1"));
        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("response").path("uid").asText()).isEqualTo("u-1");
        assertThat(review.path("response").path("allowed").asBoolean()).isFalse();
        assertThat(review.path("response").path("status").path("code").asInt()).isEqualTo(403);
        assertThat(review.path("response").path("status").path("message").asText())
                .isEqualTo("group physics: cores 4 requested, 2 of 10 left");
        var allowed = new ObjectMapper().readTree(Verdict.ALLOW.toReview("u-2"));
        assertThat(allowed.path("response").path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("response").has("status")).isFalse();
    }
}
